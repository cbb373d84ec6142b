/**
 * Child process for the crash test: executes tab commands in a loop on a real desk store and
 * writes `ack <commandId> <eventCount>` to stdout (synchronously) after each command returns,
 * until it is killed.
 */
import fs from 'node:fs';
import { openTabDesk } from './tab-desk.js';
import { tabCmd } from './tab-commands.js';

const [dataDir, seedArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash-child <dataDir> <seed>');
let seed = Number(seedArg ?? 1);
const random = () => {
  // mulberry32: a deterministic choice of commands per round, so a failure can be replayed
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const { headspring } = openTabDesk(dataDir);
const open: { id: string; balance: number }[] = [];
fs.writeSync(1, 'ready\n');
for (;;) {
  const roll = random();
  const tab = open[Math.floor(random() * open.length)];
  let command;
  if (!tab || roll < 0.1) command = tabCmd('OpenTab', { name: `guest ${open.length}` });
  else if (roll < 0.45) command = tabCmd('AddCharge', { amount: 1 + Math.floor(random() * 50) }, tab.id);
  else if (roll < 0.7) command = tabCmd('AddCharges', { amounts: [1, 2, 3].slice(0, 1 + Math.floor(random() * 3)) }, tab.id);
  else if (tab.balance > 0) command = tabCmd('TakePayment', { amount: tab.balance }, tab.id);
  else command = tabCmd('AddCharge', { amount: 7 }, tab.id);
  const result = headspring.execute(command);
  if (command.type === 'OpenTab') open.push({ id: result.streamId, balance: 0 });
  const target = open.find((t) => t.id === result.streamId);
  if (target) {
    for (const event of result.events) {
      const amount = (event.data as { amount?: number }).amount ?? 0;
      target.balance += event.type === 'ChargeAdded' ? amount : event.type === 'PaymentTaken' ? -amount : 0;
    }
  }
  fs.writeSync(1, `ack ${command.commandId} ${result.events.length}\n`);
}
