export * from './identity';
export * from './notify';
export * from './audit';
export * from './credentials';
export * from './partners';
