import { evaluateUnaryExpressionSync, ZenEngine } from '@gorules/zen-engine';
import type { ModelSpec, WarningSeverity } from './model-spec.js';

type SeverityTable = ModelSpec['severity'];

/**
 * The model's severity table as a GoRules JDM decision (one decision-table node, hit policy
 * "first"), so a bureau can open and edit it in GoRules' own editor and the rules run on the ZEN
 * engine as DESIGN.md prescribes for row-level decisions.
 */
export function severityJdm(table: SeverityTable): object {
  const inputs = table.inputs.map((name, i) => ({ id: `in${i}`, name, field: name }));
  const rules = table.rules.map((r, i) => {
    const rule: Record<string, string> = { _id: `r${i}`, out: JSON.stringify(r.severity) };
    table.inputs.forEach((name, j) => (rule[`in${j}`] = r.when[name] ?? ''));
    return rule;
  });
  return {
    nodes: [
      { id: 'request', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'severity', type: 'decisionTableNode', name: 'severity', position: { x: 300, y: 0 },
        content: { hitPolicy: 'first', inputs, outputs: [{ id: 'out', name: 'severity', field: 'severity' }], rules },
      },
      { id: 'response', type: 'outputNode', name: 'Response', position: { x: 600, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'request', targetId: 'severity', type: 'edge' },
      { id: 'e2', sourceId: 'severity', targetId: 'response', type: 'edge' },
    ],
  };
}

/**
 * Decides severities. The table is evaluated the way a ZEN decision-table node with hit policy
 * "first" evaluates it, cell by cell with ZEN's unary-expression evaluator (`$` is the input), but
 * synchronously: the engine's asynchronous `evaluate` hands every call to libuv's thread pool, and a
 * run that decides thousands of hits spent seconds queueing there while the database work took
 * milliseconds. `severityJdm` exports the same table for GoRules' editor.
 */
export class SeverityDecider {
  private readonly engine = new ZenEngine();

  async decide(model: ModelSpec, facts: Record<string, unknown>): Promise<WarningSeverity> {
    const inputs = Object.fromEntries(model.severity.inputs.map((n) => [n, numeric(facts[n])]));
    for (const rule of model.severity.rules) {
      const hit = model.severity.inputs.every((name) => {
        const cell = rule.when[name]?.trim();
        if (!cell) return true;
        try {
          return evaluateUnaryExpressionSync(cell, { $: inputs[name] }) === true;
        } catch {
          return false;
        }
      });
      if (hit) return rule.severity;
    }
    return 'yellow';
  }

  /** Checks every cell parses and the table loads as a JDM decision, naming the first problem. */
  async validate(table: SeverityTable): Promise<void> {
    // The decision table treats a cell it cannot parse as "no match"; an editor must hear about it.
    table.rules.forEach((r, i) => {
      for (const [input, expr] of Object.entries(r.when)) {
        if (expr.trim() === '') continue;
        if (!table.inputs.includes(input)) throw new Error(`rule ${i + 1}: ${input} is not an input of the table`);
        try {
          evaluateUnaryExpressionSync(expr, { $: 0 });
        } catch (e) {
          throw new Error(`rule ${i + 1}, ${input}: ${zenMessage(e)}`);
        }
      }
    });
    const d = this.engine.createDecision(severityJdm(table));
    await d.evaluate(Object.fromEntries(table.inputs.map((n) => [n, 0])));
  }

  dispose(): void {
    this.engine.dispose();
  }
}

function zenMessage(e: unknown): string {
  const text = (e as Error).message ?? String(e);
  try {
    return (JSON.parse(text.split('\n')[0]) as { source?: string }).source ?? text;
  } catch {
    return text.split('\n')[0];
  }
}

/** Evidence arrives as text from JSON; numbers must compare as numbers in the table. */
function numeric(v: unknown): unknown {
  if (typeof v === 'string' && v.trim() !== '' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return v ?? null;
}
