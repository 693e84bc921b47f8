// Runs a generated service for play (see service-process.ts): its main module is the argument.
// When the workbench that started it goes away, its end of stdin closes; the service is then asked
// to stop the way Ctrl+C stops it, so no service outlives play.
import { pathToFileURL } from 'node:url';

process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
await import(pathToFileURL(process.argv[2]).href);
