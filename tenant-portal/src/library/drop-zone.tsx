import { useId, useRef, useState, type DragEvent } from 'react';

/** Drag-and-drop area with a file picker inside it; several files at once. */
export function DropZone({ onFiles, disabled, disabledReason }: { onFiles: (files: File[]) => void; disabled: boolean; disabledReason?: string }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const accept = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length > 0 && !disabled) onFiles(files);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    accept(event.dataTransfer.files);
  };
  return (
    <div
      className={`drop-zone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>
        <strong>Drop video files here</strong> or{' '}
        <label htmlFor={inputId} className="button">
          choose files
        </label>
      </p>
      <input
        ref={input}
        id={inputId}
        className="visually-hidden"
        type="file"
        accept="video/*,.mkv,.mov,.mp4,.m4v,.webm,.avi,.mxf,.ts"
        multiple
        disabled={disabled}
        aria-label="Upload videos"
        onChange={(event) => {
          accept(event.target.files);
          // The same file can be picked again (to resume it after a stop).
          event.target.value = '';
        }}
      />
      <small className="hint">{disabled ? disabledReason : 'MP4, MOV, MKV, WebM… Large files are sent in parts and resume after a reload when you pick them again.'}</small>
    </div>
  );
}
