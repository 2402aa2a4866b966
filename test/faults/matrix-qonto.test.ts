import { describeFaultMatrix } from './support/matrix';

describeFaultMatrix('qonto');
