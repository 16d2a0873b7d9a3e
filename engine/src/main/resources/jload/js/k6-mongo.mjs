// k6/x/mongo (xk6-mongo): a synchronous MongoDB client whose methods take the database and collection
// first, on jload's MongoDB client.
//
//   import xk6_mongo from 'k6/x/mongo';
//   const client = xk6_mongo.newClient('mongodb://localhost:27017');
//   export default function () { client.insert('testdb', 'events', { n: 1 }); client.find('testdb', 'events', { n: 1 }, null, 10); }
//
// As xk6-mongo does: a failed operation throws (its message names what failed); findOne with no match throws
// "mongo: no documents in result"; an update without operators is a $set of the document. Unlike xk6-mongo,
// a client that cannot connect stops the run in the init code (exit 107) instead of being null; sessions,
// watch, bulkWrite and index drops are not mapped. Each operation is timed (mongo_op_duration).
import { mongo } from 'jload/mongo';

const fail = (what, collection) => { throw new Error(`${what}: ${collection.lastError}`); };
const hasOperator = (doc) => Object.keys(doc).some((k) => k.startsWith('$'));
// xk6-mongo's prepareUpdateDocument: a pipeline or an operator document as it is, anything else under $set.
const updateOf = (data) => {
  if (data === null || data === undefined) throw new Error('update document cannot be nil');
  return Array.isArray(data) || hasOperator(data) ? data : { $set: data };
};

class Client {
  constructor(uri) {
    if (!uri) throw new Error('connection URI cannot be empty');
    this._client = mongo.client(uri);
  }

  _collection(database, collection) {
    if (!database) throw new Error('database name cannot be empty');
    if (!collection) throw new Error('collection name cannot be empty');
    for (const c of ['/', '\\', '.', '"', '$', ' ', '\x00']) {
      if (String(database).includes(c)) throw new Error(`database name contains invalid character: ${c}`);
    }
    return this._client.collection(database, collection);
  }

  insert(database, collection, doc) {
    if (doc === null || doc === undefined) throw new Error('document cannot be nil');
    const c = this._collection(database, collection);
    if (c.insertOne(doc) === null) fail('Error while inserting document', c);
  }

  insertMany(database, collection, docs) {
    if (!docs || docs.length === 0) throw new Error('documents array cannot be empty');
    const c = this._collection(database, collection);
    if (c.insertMany(docs) < 0) fail('Error while inserting multiple documents', c);
  }

  find(database, collection, filter, sort, limit = 0) {
    if (limit < 0) throw new Error('limit cannot be negative');
    const c = this._collection(database, collection);
    const found = c.find(filter ?? {}, { sort: sort ?? undefined, limit: limit ?? 0 });
    if (found === null) fail('Error while finding documents', c);
    return found;
  }

  findAll(database, collection) {
    return this.find(database, collection, {}, null, 0);
  }

  findOne(database, collection, filter) {
    const c = this._collection(database, collection);
    const doc = c.findOne(filter ?? {});
    if (doc === null && c.lastError !== null) fail('Error while finding the document', c);
    if (doc === null) throw new Error('mongo: no documents in result');
    return doc;
  }

  updateOne(database, collection, filter, data) {
    if (filter === null || filter === undefined) throw new Error('filter cannot be nil');
    const c = this._collection(database, collection);
    if (c.updateOne(filter, updateOf(data)) < 0) fail('Error while updating the document', c);
  }

  updateMany(database, collection, filter, data) {
    if (filter === null || filter === undefined) throw new Error('filter cannot be nil');
    const c = this._collection(database, collection);
    if (c.updateMany(filter, updateOf(data)) < 0) fail('Error while updating the documents', c);
  }

  upsert(database, collection, filter, data) {
    if (filter === null || filter === undefined) throw new Error('filter cannot be nil');
    const c = this._collection(database, collection);
    if (c.updateOne(filter, updateOf(data), { upsert: true }) < 0) fail('Error while performing upsert', c);
  }

  deleteOne(database, collection, filter) {
    const c = this._collection(database, collection);
    if (c.deleteOne(filter ?? {}) < 0) fail('Error while deleting the document', c);
  }

  deleteMany(database, collection, filter) {
    const c = this._collection(database, collection);
    if (c.deleteMany(filter ?? {}) < 0) fail('Error while deleting the documents', c);
  }

  distinct(database, collection, field, filter) {
    if (!field) throw new Error('field name cannot be empty');
    const c = this._collection(database, collection);
    const values = c.distinct(field, filter ?? {});
    if (values === null) fail('Error while getting distinct values', c);
    return values;
  }

  aggregate(database, collection, pipeline) {
    if (pipeline === null || pipeline === undefined) throw new Error('pipeline cannot be nil');
    const c = this._collection(database, collection);
    const out = c.aggregate(pipeline);
    if (out === null) fail('Error while aggregating', c);
    return out;
  }

  countDocuments(database, collection, filter) {
    const c = this._collection(database, collection);
    const n = c.count(filter ?? {});
    if (n < 0) fail('Error while counting documents', c);
    return n;
  }

  dropCollection(database, collection) {
    const c = this._collection(database, collection);
    if (!c.drop()) fail('Error while dropping the collection', c);
  }

  createIndex(database, collection, keys) {
    if (keys === null || keys === undefined) throw new Error('index keys cannot be nil');
    const c = this._collection(database, collection);
    const name = c.createIndex(keys);
    if (name === null) fail('Error while creating index', c);
    return name;
  }

  // The run's drivers are shared and closed when the run ends.
  disconnect() {}
}

const module = Object.freeze({
  newClient(uri) { return new Client(uri); },
  newClientWithOptions(uri) { return new Client(uri); },
});

export const { newClient, newClientWithOptions } = module;
export default module;
