import { describeFaultMatrix } from './support/matrix';

describeFaultMatrix('paysafe');
