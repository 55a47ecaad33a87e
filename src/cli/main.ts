/**
 * The command-line trainer: `npm run lab -- <command> [options]`. The same kernels and engine as
 * the page, on WebGPU in Node (Dawn). Bad arguments or files exit with code 2 and a message.
 */
import { commandHelp, mainHelp, parseOptions, UsageError, type CommandSpec, type ParsedOptions } from './args.ts';
import { CliError } from './io.ts';
import * as tokenizer from './commands/tokenizer.ts';
import * as pretrain from './commands/pretrain.ts';
import * as generate from './commands/generate.ts';
import * as finetuneClassify from './commands/finetune-classify.ts';
import * as finetuneInstruct from './commands/finetune-instruct.ts';
import * as finetuneDpo from './commands/finetune-dpo.ts';
import * as evaluate from './commands/eval.ts';
import * as exportCmd from './commands/export.ts';
import * as score from './commands/score.ts';
import * as baseline from './commands/baseline.ts';

interface Command {
  spec: CommandSpec;
  run: (o: ParsedOptions) => Promise<void>;
}

const COMMANDS: Command[] = [tokenizer, pretrain, generate, finetuneClassify, finetuneInstruct, finetuneDpo, evaluate, score, baseline, exportCmd];
const PROG = 'npm run lab --';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp(COMMANDS.map((c) => c.spec), PROG));
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.spec.name === name);
  if (!cmd) {
    console.error(`lab: unknown command "${name}"\n\n${mainHelp(COMMANDS.map((c) => c.spec), PROG)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(cmd.spec, PROG));
    return 0;
  }
  try {
    await cmd.run(parseOptions(cmd.spec, rest));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`lab: ${e.message}\n(see: ${PROG} ${name} --help)`);
      return 2;
    }
    if (e instanceof CliError) {
      console.error(`lab: ${e.message}`);
      return 2;
    }
    console.error(`lab: ${name} failed: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
