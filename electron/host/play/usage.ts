// Apart from cli.ts so that `stormbench help` lists play without loading the engine.
export const PLAY_USAGE = `Usage: stormbench play BOARD [--attach LOG]

Plays the board: generates every bounded context into .stormbench/play/<board>/ beside BOARD
(nothing lands among your sources), starts each as its real service on one SQLite log there, with
the workbench's own packages (no npm install), prints each service's address, and then one line
per event as it lands in the log, and each command a service refused. Ctrl+C stops every service.

  --attach LOG   reads a running deployment instead, read-only. LOG is the services' STORM_LOG:
                 a SQLite log (PATH or sqlite:PATH; the services' state files beside it give the
                 commands carried out and refused, and the consumer lag of each read model and
                 policy), or nats://HOST:PORT[/STREAM] (the lag from the durable consumers).
                 Prints a line per event, and on Ctrl+C the counts per event, command and
                 policy, the lags and the last errors.`;
