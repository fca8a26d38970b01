// schema/posts.js
'use strict';
module.exports = {
  columns: {
    id: { type: 'increments' },
    title: { type: 'string', length: 255 },
    content: { type: 'text' },
    user_id: {
      type: 'integer',
      unsigned: true,
      references: { table: 'users', column: 'id' },
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE'
    },
    timestamps: { type: 'timestamps' }
  }
};
