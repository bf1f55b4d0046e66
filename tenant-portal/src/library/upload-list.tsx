import { useUploadManager, useUploads } from '../upload/uploads-context.js';
import { UploadRow } from './upload-row.js';

export function UploadList() {
  const manager = useUploadManager();
  const uploads = useUploads();
  if (uploads.length === 0) return null;
  return (
    <section aria-labelledby="uploads-title" className="uploads">
      <h2 id="uploads-title">Uploads</h2>
      <ul className="upload-list">
        {uploads.map((item) => (
          <UploadRow key={item.id} item={item} onStop={() => manager.stop(item.id)} onDismiss={() => manager.dismiss(item.id)} />
        ))}
      </ul>
    </section>
  );
}
