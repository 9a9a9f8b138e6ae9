/** Where the server writes what an operator needs to see. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLog: Log = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, err) => (err === undefined ? console.error(message) : console.error(message, err)),
};

export const silentLog: Log = { info() {}, warn() {}, error() {} };
