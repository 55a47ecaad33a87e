/** A command (src/store/commands.ts) bound to the store and the worker: enabled flag and a runner. */
import { useShallow } from 'zustand/react/shallow';
import { runCommand } from '../../store/api.ts';
import type { Command, CommandState } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';

const pick = (s: CommandState): CommandState => ({ gpu: s.gpu, run: s.run, draft: s.draft, sampleDraft: s.sampleDraft, sampleId: s.sampleId, samples: s.samples, myMessages: s.myMessages });

/** [enabled, run(arg)] for a command; re-renders only when the state commands read changes. */
export function useCommand<A = void>(cmd: Command<A>): [boolean, (arg: A) => void] {
  const s = useLab(useShallow(pick));
  return [cmd.predicate(s), (arg: A) => runCommand(cmd, arg)];
}
