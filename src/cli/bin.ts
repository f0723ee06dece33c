/** The installed entry point (`bin/safesort.js` imports the built copy of this module). */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
