/**
 * The CLI's own error codes, added to core's `ErrorCode` by augmentation:
 * the engine speaks of options and throws none of these.
 */
import type {} from '@odac/core';

declare module '@odac/core' {
  interface FrontEndErrorCodes {
    'CLI.ADAPTER_NOT_FOUND': true;
    'CLI.BAD_ARGUMENTS': true;
    'CLI.CONFIG': true;
    'CLI.CONFIRMATION_REQUIRED': true;
    /** Not an odac error (a driver or a bug), wrapped so a caller of the boot API gets an OdacError. */
    'CLI.UNEXPECTED': true;
  }
}
