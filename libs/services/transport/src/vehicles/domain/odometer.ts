/** Ten million kilometres: beyond any real odometer, so a larger reading is a typing error. */
export const MAX_ODOMETER_KM = 9_999_999;
