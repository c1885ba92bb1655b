import { type StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ApiResponses, ResponseName } from './responses.js';

type Answer<K extends ResponseName, Array extends boolean, File extends boolean> =
  (Array extends true ? ApiResponses[K][] : ApiResponses[K]) | (File extends true ? StreamableFile : never);

/**
 * Documents an operation's success answer with the named response schema, and makes the
 * compiler check that the method returns exactly that type: a handler whose answer drifts
 * from its documented schema does not build.
 */
export function Returns<K extends ResponseName, A extends boolean = false, F extends boolean = false>(
  name: K,
  options: { status?: number; array?: A; file?: F; description?: string } = {},
) {
  const ref = { $ref: `#/components/schemas/${name}` };
  const decorator = applyDecorators(
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? name,
      schema: options.array ? { type: 'array', items: ref } : ref,
    }),
  );
  return <T extends (...args: never[]) => Promise<Answer<K, A, F>> | Answer<K, A, F>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    decorator(target, key, descriptor);
  };
}
