import { roleJourney } from '../areas';
import { DEMO } from '../helpers';

roleJourney({
  role: 'institution-owner',
  mobile: DEMO.owner,
  path: '/institution',
  english: /^Institution$/,
  hindi: /^संस्थान$/,
});
roleJourney({
  role: 'institution-operator',
  mobile: DEMO.operator,
  path: '/institution',
  english: /^Institution$/,
  hindi: /^संस्थान$/,
});
