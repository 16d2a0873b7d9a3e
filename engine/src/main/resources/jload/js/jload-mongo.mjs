// jload/mongo: MongoDB collections, synchronous (the MongoDB Java driver underneath).
//
//   import mongo from 'jload/mongo';
//   const events = mongo.client(__ENV.MONGO_URL).collection('app', 'events');   // in the init code too
//   events.insertMany(Array.from({ length: 50 }, (_, i) => ({ job: 'j1', seq: i })));   // batches of 1,000
//   events.find({ job: 'j1' }, { sort: { seq: 1 }, limit: 10 });   // documents (relaxed Extended JSON: plain numbers)
//   events.findOne({ seq: 3 }); events.count({ job: 'j1' }); events.deleteMany({}); events.createIndex({ seq: 1 }); events.drop();
//   events.updateOne({ seq: 3 }, { $set: { seen: true } }, { upsert: true }); events.updateMany(...); events.deleteOne({ seq: 3 });
//   events.distinct('job', {}); events.aggregate([{ $group: { _id: '$job', n: { $sum: 1 } } }]);
// A failed operation returns null (-1 for counts), is counted in mongo_errors{op, kind}, and lastError says why.

const text = (v) => JSON.stringify(v ?? {});
const parse = (json) => (json === null || json === undefined ? null : JSON.parse(json));

class Collection {
  constructor(h) { this._h = h; }
  insertOne(doc) { return parse(this._h.insertOne(text(doc))); }
  insertMany(docs, options = {}) { return this._h.insertMany(docs.map(text), options.batchSize ?? 1000); }
  find(filter = {}, options = {}) { return parse(this._h.find(text(filter), options.sort ? text(options.sort) : null, options.limit ?? 0)); }
  findOne(filter = {}) { return parse(this._h.findOne(text(filter))); }
  count(filter = {}) { return this._h.count(text(filter)); }
  deleteMany(filter = {}) { return this._h.deleteMany(text(filter)); }
  deleteOne(filter = {}) { return this._h.deleteOne(text(filter)); }
  updateOne(filter, update, options = {}) { return this._h.updateOne(text(filter), JSON.stringify(update), options.upsert === true); }
  updateMany(filter, update, options = {}) { return this._h.updateMany(text(filter), JSON.stringify(update), options.upsert === true); }
  distinct(field, filter = {}) { return parse(this._h.distinct(String(field), text(filter))); }
  aggregate(pipeline) { return parse(this._h.aggregate(JSON.stringify(pipeline))); }
  drop() { return this._h.drop(); }
  createIndex(keys) { return this._h.createIndex(text(keys)); }
  get lastError() { return this._h.lastError(); }
}

export const mongo = Object.freeze({
  client(uri) {
    const h = globalThis.__jload_mongo.client(String(uri));
    return Object.freeze({ collection: (database, name) => new Collection(h.collection(String(database), String(name))) });
  },
});

export default mongo;
