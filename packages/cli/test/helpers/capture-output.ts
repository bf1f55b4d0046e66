import type { Output } from '../../src/cli-context.js';

export interface CapturedOutput extends Output {
  text(): string;
}

export function captureOutput(isTTY = false): CapturedOutput {
  let text = '';
  return {
    isTTY,
    columns: 100,
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}
