import { roleJourney } from '../areas';
import { DEMO } from '../helpers';

roleJourney({
  role: 'course-author',
  mobile: DEMO.author,
  path: '/courses',
  english: /^Course certificates$/,
  hindi: /^पाठ्यक्रम प्रमाणपत्र$/,
});
roleJourney({
  role: 'course-mentor',
  mobile: DEMO.mentor,
  path: '/courses',
  english: /^Course certificates$/,
  hindi: /^पाठ्यक्रम प्रमाणपत्र$/,
});
roleJourney({
  role: 'state-admin',
  mobile: DEMO.stateAdmin,
  path: '/courses',
  english: /^Course certificates$/,
  hindi: /^पाठ्यक्रम प्रमाणपत्र$/,
});
