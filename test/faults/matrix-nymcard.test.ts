import { describeFaultMatrix } from './support/matrix';

describeFaultMatrix('nymcard');
