import { CheckCircleOutlined, CloudUploadOutlined, ExperimentOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Input, InputNumber, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, apiPost, api } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { bilingual } from '../../identity/identity-labels';
import { modelPath, modelsChanged } from '../supervision-labels';
import type { ModelDetail, ModelSpec, TestRun } from '../supervision-types';
import { formatModelJson } from './model-json';
import { TestRunResult } from './test-run-result';

interface Problem { path: string; message: string }
interface Problems { title: string; items: Problem[] }

/** The server's `{ fields: { 'sources.1.join': reason } }`, one row per path. */
function problemsOf(e: unknown, fallback: string): Problems {
  const fields = e instanceof ApiError ? Object.entries(e.fields ?? {}) : [];
  return { title: errorText(e, fallback), items: fields.map(([path, message]) => ({ path, message })) };
}

/**
 * 模型编辑: the definition as JSON (a plain monospace text area; the readable tab shows what it
 * means), checked by the server against the dataset contracts. A draft is tried on today's data
 * with a test run, which raises nothing, before it is published as the next version.
 */
export function ModelEditor({ model, onChanged }: { model: ModelDetail; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // Server messages read "中文 (English)": show the reader's half.
  const say = (text: string) => bilingual(text, i18n.language);
  const initial = formatModelJson(model.draft ?? model.spec);
  const [text, setText] = useState(initial);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [valid, setValid] = useState<string | null>(null);
  const [busy, setBusy] = useState<'validate' | 'save' | 'test' | 'publish' | 'enable' | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [limit, setLimit] = useState(100);
  const [run, setRun] = useState<{ result: TestRun; spec: ModelSpec | null } | null>(null);

  // Another model, or a draft saved elsewhere: start from what the server holds.
  useEffect(() => {
    setText(initial);
    setProblems(null);
    setValid(null);
  }, [model.id, initial]);

  /** The text as an object, or the JSON syntax error in the problem list. */
  const parsed = (): Record<string, unknown> | null => {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
      setProblems({ title: t('supervision.editor.notObject'), items: [] });
    } catch (e) {
      setProblems({ title: t('supervision.editor.badJson'), items: [{ path: 'JSON', message: (e as Error).message }] });
    }
    return null;
  };

  const act = async (kind: NonNullable<typeof busy>, fn: () => Promise<void>) => {
    setBusy(kind);
    setValid(null);
    try {
      await fn();
    } catch (e) {
      setProblems(problemsOf(e, t('error.unknown')));
    } finally {
      setBusy(null);
    }
  };

  const testRun = async (body: Record<string, unknown>, n: number) =>
    apiPost<TestRun>('/api/supervision/models/test-run', { model: body, limit: n, ...(asOf ? { asOf: asOf.format('YYYY-MM-DD') } : {}) });

  // The server has no check-only call: a test run limited to one hit validates the same way and writes nothing.
  const validate = () => {
    const body = parsed();
    if (body) void act('validate', async () => {
      const r = await testRun(body, 1);
      setProblems(null);
      setValid(t('supervision.editor.valid', { hits: r.total }));
    });
  };

  const save = () => {
    const body = parsed();
    if (body) void act('save', async () => {
      const id = typeof body.id === 'string' ? body.id : '';
      const spec = await api<ModelSpec>(`/api/supervision/models/${encodeURIComponent(id)}/draft`, { method: 'PUT', body });
      setProblems(null);
      message.success(t('supervision.editor.saved', { version: spec.version }));
      modelsChanged();
      // A new id starts a new model; its page is where the draft now lives.
      if (id !== model.id) navigate(`${modelPath(id)}?tab=edit`);
      else onChanged();
    });
  };

  const test = () => {
    const body = parsed();
    if (body) void act('test', async () => {
      const result = await testRun(body, limit);
      setProblems(null);
      setRun({ result, spec: body as unknown as ModelSpec });
    });
  };

  const publish = () => void act('publish', async () => {
    const r = await apiPost<{ version: number }>(`/api/supervision/models/${encodeURIComponent(model.id)}/publish`);
    setProblems(null);
    message.success(t('supervision.editor.published', { version: r.version }));
    modelsChanged();
    onChanged();
  });

  const setEnabled = (enabled: boolean) => void act('enable', async () => {
    await apiPost(`/api/supervision/models/${encodeURIComponent(model.id)}/enabled`, { enabled });
    modelsChanged();
    onChanged();
  });

  const dirty = text !== initial;
  return (
    <div data-testid="model-editor">
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          {model.draft ? t('supervision.editor.editingDraft', { version: model.draft.version }) : t('supervision.editor.editingCurrent', { version: model.currentVersion })}
          {dirty && <Typography.Text type="warning"> · {t('supervision.editor.unsaved')}</Typography.Text>}
        </Typography.Text>
        <Space>
          <Typography.Text>{t('supervision.editor.enabled')}</Typography.Text>
          <Switch checked={model.enabled} loading={busy === 'enable'} disabled={model.currentVersion === 0} onChange={setEnabled} data-testid="editor-enabled" />
        </Space>
      </Space>
      <Input.TextArea
        className="json-editor"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 18, maxRows: 36 }}
        spellCheck={false}
        aria-label={t('supervision.editor.json')}
        data-testid="model-json"
      />
      <Space wrap style={{ marginTop: 12 }}>
        <Button icon={<CheckCircleOutlined />} loading={busy === 'validate'} onClick={validate} data-testid="editor-validate">{t('supervision.editor.validate')}</Button>
        <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={save} data-testid="editor-save">{t('supervision.editor.save')}</Button>
        <Popconfirm title={t('supervision.editor.publishConfirm', { version: model.currentVersion + 1 })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={publish} disabled={!model.draft || dirty}>
          <Button icon={<CloudUploadOutlined />} loading={busy === 'publish'} disabled={!model.draft || dirty} data-testid="editor-publish">{t('supervision.editor.publish')}</Button>
        </Popconfirm>
        <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => { setText(initial); setProblems(null); }}>{t('supervision.editor.revert')}</Button>
      </Space>
      {!model.draft && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>{t('supervision.editor.publishHint')}</Typography.Paragraph>}
      {valid && <Alert type="success" showIcon style={{ marginTop: 12 }} title={valid} data-testid="editor-valid" />}
      {problems && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={say(problems.title)}
          data-testid="editor-errors"
          description={problems.items.length > 0 && (
            <Table<Problem>
              rowKey="path"
              size="small"
              pagination={false}
              dataSource={problems.items}
              columns={[
                { title: t('supervision.editor.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code data-testid="error-path">{p}</Typography.Text> },
                { title: t('supervision.editor.problem'), dataIndex: 'message', render: (m: string) => say(m) },
              ]}
            />
          )}
        />
      )}
      <div style={{ marginTop: 16, paddingTop: 12, borderTop: '1px solid #f0f0f0' }}>
        <Space wrap>
          <Typography.Text strong>{t('supervision.editor.testRun')}</Typography.Text>
          <DatePicker value={asOf} onChange={setAsOf} placeholder={t('supervision.editor.asOf')} style={{ width: 200 }} />
          <Space size={4}>
            <Typography.Text type="secondary">{t('supervision.editor.limit')}</Typography.Text>
            <InputNumber min={1} max={500} value={limit} onChange={(v) => setLimit(v ?? 100)} style={{ width: 90 }} />
          </Space>
          <Button icon={<ExperimentOutlined />} loading={busy === 'test'} onClick={test} data-testid="editor-test-run">{t('supervision.editor.runTest')}</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>{t('supervision.editor.testHint')}</Typography.Paragraph>
        {run && <TestRunResult run={run.result} spec={run.spec} />}
      </div>
    </div>
  );
}
