// Reads a password from the terminal with echo off (raw mode), so it never shows on screen or in scrollback.
import { CliError } from './cli-error.js';
import type { Output } from './cli-context.js';

const ENTER = new Set(['\r', '\n', '\u0004']);
const CTRL_C = '\u0003';
const BACKSPACE = new Set(['\u007f', '\b']);

export function terminalPasswordPrompt(input: NodeJS.ReadStream, output: Output): (label: string) => Promise<string> {
  return (label) =>
    new Promise((resolve, reject) => {
      output.write(label);
      const wasRaw = input.isRaw;
      input.setRawMode(true);
      input.setEncoding('utf8');
      let value = '';
      const finish = () => {
        input.off('data', onData);
        input.setRawMode(wasRaw);
        input.pause();
        output.write('\n');
      };
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (ENTER.has(char)) {
            finish();
            resolve(value);
            return;
          }
          if (char === CTRL_C) {
            finish();
            reject(new CliError('cancelled', 130));
            return;
          }
          if (BACKSPACE.has(char)) value = value.slice(0, -1);
          else if (char >= ' ') value += char;
        }
      };
      input.on('data', onData);
      input.resume();
    });
}
