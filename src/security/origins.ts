import { isIP } from 'node:net';
import { z } from 'zod';

const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** HOST: the address to listen on, an IP address or a host name of this machine. */
export const hostSetting = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIP(v) !== 0 || hostName.test(v), 'HOST must be an IP address or a host name (e.g. 127.0.0.1, ::, 0.0.0.0)');

/** The address demo mode listens on unless HOST says otherwise: its GraphiQL page holds an all-scope key. */
export const demoHost = '127.0.0.1';
