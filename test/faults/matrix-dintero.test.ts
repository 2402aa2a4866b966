import { describeFaultMatrix } from './support/matrix';

describeFaultMatrix('dintero');
