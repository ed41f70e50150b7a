import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
};

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});

/** The 4xx answers every authenticated route can give, for the OpenAPI document. */
export const commonErrors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
