import { z } from 'zod';

/** Where the gateway finds the web console it serves at `/`. */
export const consoleEnvironment = z.object({
  CONSOLE_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('Folder of the built web console served at / (npm run build writes it to dist/apps/console, the default, under the working directory); a folder without index.html: no console, / answers 404'),
});

export type ConsoleEnvironment = z.infer<typeof consoleEnvironment>;
