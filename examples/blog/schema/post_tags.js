'use strict';
module.exports = {
  columns: {
    post_id: { type: 'integer', unsigned: true, nullable: false },
    tag_id: { type: 'integer', unsigned: true, nullable: false },
    position: { type: 'smallInteger', default: 0, nullable: false }
  },
  primary: ['post_id', 'tag_id'],
  foreignKeys: [
    { columns: ['post_id'], references: { table: 'posts', columns: ['id'] }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    { columns: ['tag_id'], references: { table: 'tags', columns: ['id'] }, onDelete: 'CASCADE' }
  ]
};
