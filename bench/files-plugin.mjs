// Serves the import benchmark's input files from the dev server, generated on the fly, so the
// page gets them as a browser would get a file from disk or the network (not as a Blob built
// from strings in the page, which costs the page's own thread to hand over).
//   /bench/files/sendgrid.ndjson?d=<deliveryId>&n=<events>&t=<unix seconds>
export function benchFiles() {
  return {
    name: 'sendkit-bench-files',
    configureServer(server) {
      server.middlewares.use('/bench/files/sendgrid.ndjson', (request, response) => {
        const query = new URL(request.url, 'http://localhost').searchParams;
        const deliveryId = query.get('d') ?? '';
        const events = Number(query.get('n') ?? 0);
        const seconds = Number(query.get('t') ?? 0);
        response.setHeader('content-type', 'application/x-ndjson');
        let recipient = 0;
        const write = () => {
          while (recipient < events) {
            let chunk = '';
            for (let end = Math.min(events, recipient + 4096); recipient < end; recipient++) {
              const bounce = recipient % 20 === 0;
              chunk += `{"email":"profile${recipient}@example.test","timestamp":${seconds},"smtp-id":"<m${recipient}@example.com>","event":"${bounce ? 'bounce' : 'delivered'}",${bounce ? '"type":"bounce","status":"5.1.1",' : '"response":"250 OK",'}"sg_event_id":"ev${recipient.toString(36)}x${deliveryId.slice(0, 6)}","sg_message_id":"m${recipient}.filter01","sk_d":"${deliveryId}","sk_r":"${recipient}"}\n`;
            }
            if (!response.write(chunk)) {
              response.once('drain', write);
              return;
            }
          }
          response.end();
        };
        write();
      });
    },
  };
}
