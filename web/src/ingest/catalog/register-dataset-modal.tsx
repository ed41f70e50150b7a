import { Alert, App, Button, Col, Empty, Input, List, Modal, Row, Space, Typography, Upload } from 'antd';
import { FormatPainterOutlined, UploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost, ApiError } from '../../api/client';
import { errorText } from '../../api/error-alert';

interface Problem { path: string; message: string }
interface Registered { name: string; version: number; created: boolean; changed: boolean }

/** "fields.2.type" reads better with the column it points at: fields.2.type（身份证号）. */
function where(path: string, parsed: unknown): string | undefined {
  const m = /^(fields|rules)\.(\d+)/.exec(path);
  if (!m || !parsed || typeof parsed !== 'object') return undefined;
  const item = (parsed as Record<string, unknown[]>)[m[1]]?.[Number(m[2])] as Record<string, unknown> | undefined;
  const label = item?.column ?? item?.name;
  return typeof label === 'string' ? label : undefined;
}

/**
 * A steward pastes or uploads a dataset contract (JSON); the server validates it and answers with
 * one message per bad path, listed beside the editor so each can be found and fixed.
 */
export function RegisterDatasetModal({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    setError(undefined);
  }, [open]);

  const parse = (): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (e) {
      setError(t('ingest.register.badJson'));
      setProblems([{ path: 'JSON', message: (e as Error).message }]);
      return { ok: false };
    }
  };

  const submit = async () => {
    setError(undefined);
    setProblems([]);
    const parsed = parse();
    if (!parsed.ok) return;
    setBusy(true);
    try {
      const r = await apiPost<Registered>('/api/datasets', parsed.value);
      const key = r.created ? 'ingest.register.created' : r.changed ? 'ingest.register.updated' : 'ingest.register.unchanged';
      message.success(t(key, { name: r.name, version: r.version }));
      setText('');
      onClose(true);
    } catch (e) {
      setError(errorText(e, t('error.unknown')));
      if (e instanceof ApiError && e.fields) {
        const list = Object.entries(e.fields).map(([path, msg]) => {
          const label = where(path, parsed.value);
          return { path: label ? `${path}（${label}）` : path, message: msg };
        });
        setProblems(list.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true })));
      }
    } finally {
      setBusy(false);
    }
  };

  const prettify = () => {
    const parsed = parse();
    if (parsed.ok) setText(JSON.stringify(parsed.value, null, 2));
  };

  return (
    <Modal
      open={open}
      width={1000}
      title={t('ingest.register.title')}
      okText={t('ingest.register.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !text.trim(), 'data-testid': 'register-submit' }}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => onClose(false)}
    >
      <Typography.Paragraph type="secondary">{t('ingest.register.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }} wrap>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            // Read locally: the contract goes to the server as JSON, not as a file upload.
            void file.text().then((s) => {
              setText(s);
              setProblems([]);
              setError(undefined);
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('ingest.register.openFile')}</Button>
        </Upload>
        <Button icon={<FormatPainterOutlined />} onClick={prettify} disabled={!text.trim()}>{t('ingest.register.format')}</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="register-error" />}
      <Row gutter={16}>
        <Col xs={24} md={15}>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={22}
            spellCheck={false}
            placeholder={t('ingest.register.placeholder')}
            className="json-editor"
            data-testid="contract-editor"
          />
        </Col>
        <Col xs={24} md={9}>
          <Typography.Text strong>{t('ingest.register.problems')}</Typography.Text>
          <List
            size="small"
            bordered
            style={{ marginTop: 8, maxHeight: 470, overflowY: 'auto' }}
            data-testid="contract-problems"
            dataSource={problems}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ingest.register.noProblems')} /> }}
            renderItem={(p) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Typography.Text code>{p.path}</Typography.Text>
                  <Typography.Text type="danger">{p.message}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Modal>
  );
}
