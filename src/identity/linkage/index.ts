/**
 * Record linkage (一人一档's engine): unsupervised Fellegi–Sunter linkage of person records.
 * Pure: no database, no files except through csv-io. See README.md in this folder.
 *
 * One call does everything:
 *   const config = parseLinkConfig(json);              // zod-validated, frozen
 *   const table = await readCsvTable([file], config);  // or tableFromRecords(rows, id, columns)
 *   const result = linkTable(table, config);           // model, pairs, weights, clusters, summary
 *
 * Or step by step, e.g. to reuse a saved model on new records (no re-estimation):
 *   const p = prepareTable(table, config);
 *   const pairs = blockPairs(p, config.blocking ?? chooseBlocking(p).rules);
 *   const model = trainModel(p, pairs);                 // → modelToJson(model) to save
 *   const w = weightTables(modelFromJson(saved), p);    // per-field weights for p's values
 *   const weights = scorePairs(w, p, pairs);            // log2 match weight per pair
 *   const clusters = clusterRecords(p, w, pairs, weights, { threshold: 0.9, support: 0.5 });
 *   explainPair(model, w, p, i, j);                     // prior + per-field level and weight
 *   explainIds(result, 'rec-1-org', 'rec-1-dup-0');     // the same, by record id
 */
export { FIELD_TYPES, parseLinkConfig, requiredColumns, type FieldSpec, type FieldType, type LinkConfig, type LinkConfigInput } from './config.js';
export { TableBuilder, tableFromRecords, type EncodedColumn, type RecordTable } from './table.js';
export { readCsvTable, writeCsv } from './csv-io.js';
export { prepareTable, compareField, type FieldData, type PreparedTable } from './prepare.js';
export { normalizeValue } from './normalize.js';
export { COMPARISONS, type Comparison } from './comparisons/index.js';
export { chooseBlocking, ruleStats, type BlockingChoice, type RuleStats } from './auto-blocking.js';
export { blockPairs, type CandidatePairs, type OversizedBlock } from './blocking.js';
export { comparePairs, type PairList } from './compare-pairs.js';
export { trainModel } from './train.js';
export { modelFromJson, modelToJson, type FieldModel, type LinkModel } from './model.js';
export { matchProbability, scorePairs, scoreRecords, weightForProbability, weightTables, type Weights } from './score.js';
export { averageLinkage, clusterRecords, type ClusterOptions, type Clustering } from './cluster.js';
export { explainIds, explainPair, type Explanation, type FieldContribution } from './explain.js';
export { linkTable, type LinkResult, type LinkSummary } from './link.js';
export { pairwiseScores, type PairwiseScores } from './evaluate.js';
export { jaroWinkler } from './jaro-winkler.js';
export { boundedEditDistance } from './edit-distance.js';
