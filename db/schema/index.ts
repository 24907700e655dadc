export * from './identity';
export * from './notify';
export * from './audit';
export * from './credentials';
export * from './partners';
export * from './vault';
export * from './institutions';
export * from './records';
