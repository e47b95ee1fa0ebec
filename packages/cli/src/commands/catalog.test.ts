import { Command, Help } from 'commander';
import { describe as suite, expect, it } from 'vitest';
import { CATALOG } from './catalog.js';
import { registerCommand } from './index.js';

suite('command catalog', () => {
  it.each(CATALOG.map((c) => [c.name, c] as const))(
    'lists %s as its command defines it',
    async (name, entry) => {
      const program = new Command('loglens');
      await registerCommand(program, name);
      const command = program.commands.find((c) => c.name() === name);
      expect(command?.description()).toBe(entry.description);
      expect(new Help().subcommandTerm(command!)).toBe(entry.term);
    },
  );
});
