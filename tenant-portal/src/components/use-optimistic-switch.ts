// A switch that shows the click at once, as a native checkbox does. What was chosen is held in React state, set inside
// the click's own event (React applies it before the browser paints), until the server has answered: a mutation's
// pending state arrives only a tick later, and a controlled checkbox would spring back unticked for that tick (and
// assistive technology would announce it as still off).
import { useState } from 'react';

export function useOptimisticSwitch(saved: boolean | undefined) {
  const [chosen, setChosen] = useState<boolean | undefined>(undefined);
  return {
    shown: chosen ?? saved ?? false,
    /** In the change event, before asking the server. */
    choose: (value: boolean) => setChosen(value),
    /** Once the server has answered, either way: the saved state shows again. */
    settle: () => setChosen(undefined),
  };
}
