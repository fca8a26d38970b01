export default {
  columns: {
    id: { type: 'increments' },
    slug: { type: 'string', length: 64, nullable: false, unique: true },
    label: { type: 'string', length: 120, nullable: false }
  }
};
