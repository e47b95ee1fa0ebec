import type {
  handleServerStreamingCall,
  Server,
  ServerWritableStream,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';

/** The server's grpc.health.v1 service. */
export interface Health {
  /** Sets a service's status ('' is the whole server). */
  setStatus(serviceName: string, serving: boolean): void;
  /** Ends open Watch streams (after they have seen the last status), which would otherwise hold a drain. */
  endWatches(): void;
}

/** Registers grpc.health.v1 on `server`, every service NOT_SERVING until told otherwise. */
export function addHealth(server: Server): Health {
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  const watches = new Set<ServerWritableStream<unknown, unknown>>();
  // The health library registers its handlers itself; this stand-in server lets us see Watch calls.
  health.addToServer({
    addService(definition, implementation) {
      const watch = implementation.watch as handleServerStreamingCall<unknown, unknown>;
      const tracked: UntypedServiceImplementation = {
        ...(implementation as UntypedServiceImplementation),
        watch: (call: ServerWritableStream<unknown, unknown>) => {
          watches.add(call);
          call.on('close', () => watches.delete(call));
          watch(call);
        },
      };
      server.addService(definition, tracked);
    },
  });
  return {
    setStatus: (serviceName, serving) => health.setStatus(serviceName, serving ? 'SERVING' : 'NOT_SERVING'),
    endWatches: () => {
      for (const call of watches) call.end();
      watches.clear();
    },
  };
}
