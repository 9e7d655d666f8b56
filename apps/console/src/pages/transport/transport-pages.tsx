import type { ConsolePage } from '../../app/pages';
import { DrivingPage } from './DrivingPage';
import { FleetPage } from './FleetPage';
import { MyTripsPage } from './MyTripsPage';
import { RentalTripsPage } from './RentalTripsPage';
import { TripDeskPage } from './TripDeskPage';
import { TripRequestPage } from './TripRequestPage';

/**
 * Official vehicles (公务用车): each page shown to the roles the policy table lets make its main call.
 * The driver's page goes to those who may start a trip but not dispatch one (staff, approvers): the
 * service lets only the trip's driver start it, so a member of staff who drives for no trip finds it empty.
 */
export const TRANSPORT_PAGES: ConsolePage[] = [
  { path: '/trips/new', menu: 'menu.tripRequest', group: 'transport', allowed: (may) => may('transport', 'tripsRequest'), element: <TripRequestPage /> },
  { path: '/trips', menu: 'menu.myTrips', group: 'transport', allowed: (may) => may('transport', 'tripsRequest'), element: <MyTripsPage /> },
  { path: '/driving', menu: 'menu.driverTrips', group: 'transport', allowed: (may) => may('transport', 'tripsStart') && !may('transport', 'dispatchDispatchTrip'), element: <DrivingPage /> },
  { path: '/trip-desk', menu: 'menu.tripDesk', group: 'transport', allowed: (may) => may('transport', 'tripsApprove'), element: <TripDeskPage /> },
  { path: '/fleet', menu: 'menu.fleet', group: 'transport', allowed: (may) => may('transport', 'driversRegister'), element: <FleetPage /> },
  // The rental company's own account (a vendor acting for its vendor id) answers the trips dispatched to it.
  { path: '/rental-trips', menu: 'menu.rentalTrips', group: 'transport', allowed: (may) => may('transport', 'tripsConfirmRental'), element: <RentalTripsPage /> },
];
