import { CameraOutlined, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Image, Space, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-alert';
import { attachmentUrl, uploadAttachment } from './attachments';

interface Props {
  value: string[];
  onChange: (shas: string[]) => void;
  /** Bigger button for the grid worker's phone. */
  large?: boolean;
  testId?: string;
}

/** Takes or picks photos, uploads each to the event hub at once and keeps their sha256 ids. */
export function PhotoPicker({ value, onChange, large, testId = 'photo-picker' }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string>();
  // The latest list, so photos finishing out of order do not drop one another.
  const current = useRef(value);
  current.current = value;

  const add = async (files: FileList | null) => {
    setError(undefined);
    for (const file of Array.from(files ?? [])) {
      setBusy((n) => n + 1);
      try {
        const up = await uploadAttachment(file);
        if (!current.current.includes(up.sha256)) {
          current.current = [...current.current, up.sha256];
          onChange(current.current);
        }
      } catch (e) {
        setError(t('dispatch.photos.failed', { name: file.name, reason: errorText(e, t('error.unknown')) }));
      } finally {
        setBusy((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div data-testid={testId}>
      <input ref={input} type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} onChange={(e) => void add(e.target.files)} data-testid={`${testId}-input`} />
      <Space wrap>
        {value.map((sha) => (
          <div key={sha} style={{ position: 'relative' }}>
            <Image src={attachmentUrl(sha)} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid="photo-thumb" />
            <CloseCircleFilled
              aria-label={t('dispatch.photos.remove')}
              style={{ position: 'absolute', top: -6, right: -6, color: '#cf1322', fontSize: 18, background: '#fff', borderRadius: 9 }}
              onClick={() => onChange(value.filter((s) => s !== sha))}
            />
          </div>
        ))}
        <Button icon={<CameraOutlined />} size={large ? 'large' : 'middle'} onClick={() => input.current?.click()} disabled={busy > 0}>
          {t('dispatch.photos.add')}
        </Button>
        {busy > 0 && <Spin size="small" />}
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </div>
  );
}
