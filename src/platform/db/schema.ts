/**
 * The Kysely database type. Each module adds its own tables to this interface by module
 * augmentation in its `tables.ts` (`declare module '../platform/db/schema.js' { interface Database { … } }`),
 * so no module has to import another module's table types.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
