import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { UploadPanel } from './upload-panel';

interface Props {
  dataset: string;
  open: boolean;
  resubmit: boolean;
  onClose: () => void;
  onFinished: () => void;
}

/**
 * The upload in a dialog. It stays mounted while hidden (forceRender, no destroy) so a long file
 * keeps uploading and its job keeps being followed after the dialog is closed.
 */
export function UploadModal({ dataset, open, resubmit, onClose, onFinished }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      width={760}
      forceRender
      title={t(resubmit ? 'ingest.upload.resubmitTitle' : 'ingest.upload.title', { name: dataset })}
      onCancel={onClose}
      footer={<Button onClick={onClose} data-testid={resubmit ? 'resubmit-close' : 'upload-close'}>{t('ingest.upload.close')}</Button>}
    >
      <UploadPanel dataset={dataset} resubmit={resubmit} onFinished={onFinished} />
    </Modal>
  );
}
