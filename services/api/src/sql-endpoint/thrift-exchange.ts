import { TBinaryProtocol, TBufferedTransport } from 'thrift';
import { TCLIService } from './tcli.js';

/**
 * One Thrift call over HTTP: the request body holds one message of TBinaryProtocol, the reply
 * is the response body. The generated processor reads the call's name and arguments, runs the
 * handler's method of that name and writes its result (an unknown name is answered with a
 * TApplicationException). Throws for a body that is not a whole message.
 */
export function exchange(body: Buffer, handler: object): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let input: TBufferedTransport | undefined;
    TBufferedTransport.receiver((transport) => {
      input = transport;
    }, 0)(body);
    const output = new TBufferedTransport(undefined, (reply) => resolve(reply ?? Buffer.alloc(0)));
    try {
      new TCLIService.Processor(handler).process(
        new TBinaryProtocol(input as TBufferedTransport),
        new TBinaryProtocol(output),
      );
    } catch (error) {
      reject(error);
    }
  });
}
