// Reading what the simulator saw.
import type { RecordedRequest, Simulator } from '../fixtures/simulator/server';

export const requestsOf = (sim: Simulator, kind: RecordedRequest['kind']): RecordedRequest[] => sim.requests.filter((r) => r.kind === kind);
export const countOf = (sim: Simulator, kind: RecordedRequest['kind']): number => requestsOf(sim, kind).length;

/** Creates a task at the simulator directly (as another client would) and returns its id. */
export async function createOnSim(sim: Simulator, prompt = 'made elsewhere'): Promise<string> {
  const res = await fetch(`${sim.url}/v1/sora/videos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openAiSora2Plus', prompt, aspect_ratio: '16:9', seconds: 4 }),
  });
  if (res.status !== 200) throw new Error(`simulator create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Arrival times of the queries for one task id. */
export function queryTimes(sim: Simulator, id: string): number[] {
  const path = `/v1/result/${encodeURIComponent(id)}`;
  return requestsOf(sim, 'query').filter((r) => r.path.endsWith(path)).map((r) => r.at);
}
