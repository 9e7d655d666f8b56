import type { ConsolePage } from '../../app/pages';
import { CanteenDayPage } from './CanteenDayPage';
import { MealsPage } from './MealsPage';

/** Canteens (机关食堂): staff book their meals and see their meal account; the canteen's managers see the day. */
export const CATERING_PAGES: ConsolePage[] = [
  { path: '/meals', menu: 'menu.meals', group: 'catering', allowed: (may) => may('catering', 'reservationsBook') && may('catering', 'reservationsMine'), element: <MealsPage /> },
  { path: '/canteen-day', menu: 'menu.canteenDay', group: 'catering', allowed: (may) => may('catering', 'canteensOpen') && may('catering', 'reservationsList'), element: <CanteenDayPage /> },
];
