import { roleJourney } from '../areas';
import { DEMO } from '../helpers';

roleJourney({
  role: 'verifier',
  mobile: DEMO.verifier,
  path: '/verifier',
  english: /^Verifier$/,
  hindi: /^सत्यापनकर्ता$/,
});
