import type { Server } from 'node:http';
import { isIP } from 'node:net';
import { ConfigError } from '../setting-parsers.ts';

/** Listens on `port` at `host` (unset: every interface); a port taken or an address not this machine's is a ConfigError naming its variable. */
export function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`PORT ${port} is already in use${host ? ` on ${host}` : ''}: stop what listens there, or set PORT to another port`));
      else if (error.code === 'EACCES') reject(new ConfigError(`PORT ${port} needs privileges this process does not have: set PORT above 1023`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') reject(new ConfigError(`HOST ${host} is not an address of this machine`));
      else reject(error);
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

/** The host of the gateway's own URL: loopback when it listens on every interface. */
export function urlHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIP(host) === 6 ? `[${host}]` : host;
}
