// Whether anyone may create a viewer account (confirming their e-mail with a code) or viewers are only invited.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useOptimisticSwitch } from '../components/use-optimistic-switch.js';
import { useToaster } from '../toast/toasts.js';

export function ViewerSignUpSwitch() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const signUp = useQuery(trpc.viewers.signUp.queryOptions());
  const setOpen = useMutation(
    trpc.viewers.setSignUp.mutationOptions({
      onSuccess: (saved) => {
        toaster.show(saved.open ? 'Anyone can now create a viewer account' : 'Viewers now join only by invitation');
        return queryClient.invalidateQueries({ queryKey: trpc.viewers.signUp.queryKey() });
      },
    }),
  );
  const toggle = useOptimisticSwitch(signUp.data?.open);
  return (
    <div className="panel">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={toggle.shown}
          disabled={!signUp.isSuccess || setOpen.isPending}
          onChange={(event) => {
            toggle.choose(event.target.checked);
            setOpen.mutate({ open: event.target.checked }, { onSettled: toggle.settle });
          }}
        />{' '}
        Anyone can create a viewer account (they confirm their e-mail with a code, then watch videos set to “Viewers”)
      </label>
      <ErrorNotice error={signUp.error ?? setOpen.error ?? undefined} />
    </div>
  );
}
