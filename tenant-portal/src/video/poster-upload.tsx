import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '../api/trpc.js';
import { usePosterChanged } from './poster-refresh.js';

/** The file's bytes as base64, the way the API takes small images. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

export function PosterUpload({ videoId }: { videoId: string }) {
  const id = useId();
  const trpc = useTRPC();
  const upload = useMutation(trpc.videos.uploadPoster.mutationOptions(usePosterChanged(videoId)));
  return (
    <p className="poster-upload">
      <label htmlFor={`${id}-file`}>Upload a poster image</label>
      <input
        id={`${id}-file`}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        disabled={upload.isPending}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void base64Of(file).then((imageBase64) => upload.mutate({ videoId, imageBase64 }));
        }}
      />
      <small className="hint">JPEG, PNG or WebP, up to 640 KB; it is shown at most 1280 pixels wide.</small>
    </p>
  );
}
