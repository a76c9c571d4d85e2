import { v7 as uuidv7, validate, version } from 'uuid';

/** Every record gets a UUIDv7 where it is born: time-ordered, so indexes stay append-mostly. */
export function newId(): string {
  return uuidv7();
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
