// "Generate captions": automatic captions by speech to text for the video (US English locally). The track appears in
// the list as processing at once and becomes ready when speech to text is done; asking again replaces it.
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';

export function AutomaticCaptionsButton({ videoId, onRequested }: { videoId: string; onRequested: () => void }) {
  const trpc = useTRPC();
  const generate = useMutation(trpc.captions.generate.mutationOptions({ onSuccess: onRequested }));
  return (
    <div className="automatic-captions">
      <h3>Automatic captions</h3>
      <p className="hint">Speech to text writes English captions for this video, marked as automatic. Check and correct them in the editor: machine captions make mistakes.</p>
      <ErrorNotice error={generate.error} />
      <button type="button" disabled={generate.isPending} onClick={() => generate.mutate({ videoId, language: 'en' })}>
        {generate.isPending ? 'Asking…' : 'Generate captions'}
      </button>
    </div>
  );
}
