import { describeFaultMatrix } from './support/matrix';

// Look Up Before Creating off: each batch is sent at once, looked up only after a refusal of
// repeated card ids, a lost answer or an answer that leaves cards out.
describeFaultMatrix('dintero', {
	name: 'no look-up first',
	options: { lookUpBeforeCreating: false },
});
