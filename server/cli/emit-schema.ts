import 'reflect-metadata';
import { emitSchemaFile } from '../graphql/schema.js';

console.log(`wrote ${await emitSchemaFile()}`);
