import cliProgress from 'cli-progress';

/** A terminal progress bar on stderr (stdout stays clean for --json output); silent when not a TTY. */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} {message}`, stream: process.stderr, hideCursor: true, noTTYOutput: false, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastLine = 0;
  return {
    update(done: number, total: number | null | undefined, message = '') {
      if (!tty) {
        // Without a terminal, a line every few seconds keeps logs readable.
        const now = Date.now();
        if (now - lastLine > 3000) {
          lastLine = now;
          process.stderr.write(`${label}: ${done}${total ? `/${total}` : ''} ${message}\n`);
        }
        return;
      }
      if (!started) {
        bar.start(total ?? 0, done, { message });
        started = true;
      }
      if (total != null) bar.setTotal(total);
      bar.update(done, { message });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
