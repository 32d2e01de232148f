/** Largest page a caller may ask for in one connection. @default 500 */
export const maxPageSize = 500;

/** The page a connection answers when the caller gives neither `first` nor `last`. @default 20 */
export const defaultPageSize = 20;
